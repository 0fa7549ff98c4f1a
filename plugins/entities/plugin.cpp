#include "entities_stage.hpp"

FACTPIPE_PLUGIN(factpipe::entities::EntitiesStage)
