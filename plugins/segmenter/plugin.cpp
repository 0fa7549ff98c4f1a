#include "segmenter_stage.hpp"

FACTPIPE_PLUGIN(factpipe::segmenter::SegmenterStage)
