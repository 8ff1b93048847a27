#pragma once
// Signals to a running TestServer without stopping it (to watch a shutdown from outside): the
// server's process is found by its config file, which is unique per TestServer.
#include <sys/types.h>

#include "test_server.hpp"

namespace qt::test {

// The pid of the quartier process serving with server's config; -1 if there is none.
pid_t server_pid(const TestServer& server);
// Sends sig to it; false if it was not found.
bool signal_server(const TestServer& server, int sig);

}  // namespace qt::test
