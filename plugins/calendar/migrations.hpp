#pragma once
#include <quartier/plugin.hpp>

namespace calendar {
void add_migrations(quartier::Plugin& plugin);
}
