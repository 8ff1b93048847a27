#pragma once
#include <quartier/plugin.hpp>

namespace files {
void add_migrations(quartier::Plugin& plugin);
}
