#include "engine/auth/auth_config.h"
