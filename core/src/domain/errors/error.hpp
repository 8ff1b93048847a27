#pragma once
// The one error type of the domain services. A service throws it for what a client or an
// operator can cause (a bad value, a missing item, a refusal); the web layer (web/errors.cpp)
// and the plugin host each map it once to their answer. The message is shown to people, so it
// says what was wrong and what to do (German first, English after) and never carries internals.
#include <stdexcept>
#include <string>
#include <utility>

#include <boost/json/value.hpp>

namespace qt::domain {

enum class ErrorKind {
  invalid,          // the input is wrong (HTTP 400)
  unauthenticated,  // nobody is signed in, or the session is gone (401)
  denied,           // signed in, but not allowed (403)
  not_found,        // no such thing, or not visible to this person (404)
  conflict,         // the state does not allow it (409)
  rate_limited,     // too many attempts; details may carry retry_after seconds (429)
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string code, const std::string& message, boost::json::value details = {})
      : std::runtime_error(message), kind_(kind), code_(std::move(code)), details_(std::move(details)) {}
  ErrorKind kind() const { return kind_; }
  const std::string& code() const { return code_; }  // stable, e.g. "not_found", "invalid_body"
  const boost::json::value& details() const { return details_; }

 private:
  ErrorKind kind_;
  std::string code_;
  boost::json::value details_;
};

}  // namespace qt::domain
