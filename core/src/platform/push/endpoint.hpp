#pragma once
// A Web Push endpoint as a browser's push service hands it out: an https URL of a host on the
// public internet. Anything else is refused before it is stored, so no one can make the server
// send requests into its own network (SSRF); the connection itself is checked again
// (fetch::Request::public_only) in case the name resolves to a local address later.
#include <string>

namespace qt::push {

constexpr std::size_t kMaxEndpoint = 1024;

// Throws PushError saying what is wrong. allow_local ([push] allow_local_endpoints, for tests
// only) also takes http and local addresses.
void check_endpoint(const std::string& url, bool allow_local);
// The push service's origin (scheme://host[:port]): the VAPID token's audience (RFC 8292).
std::string audience_of(const std::string& url);
// The host alone, for people to recognise the service (e.g. "fcm.googleapis.com").
std::string host_of(const std::string& url);

}  // namespace qt::push
