#include "claims_stage.hpp"

FACTPIPE_PLUGIN(factpipe::claims::ClaimsStage)
