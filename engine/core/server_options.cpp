#include "engine/core/server_options.h"
