#include "fixture_stages.hpp"
FACTPIPE_PLUGIN(factpipe::fixture::SlowStage)
