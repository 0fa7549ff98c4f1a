#include "quotes_stage.hpp"

FACTPIPE_PLUGIN(factpipe::quotes::QuotesStage)
