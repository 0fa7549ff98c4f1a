#include "crossref_stage.hpp"
FACTPIPE_PLUGIN(factpipe::crossref::CrossrefStage)
