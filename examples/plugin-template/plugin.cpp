#include "wordcount_stage.hpp"
FACTPIPE_PLUGIN(factpipe::wordcount::WordcountStage)
