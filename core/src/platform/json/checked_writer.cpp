#include "platform/json/checked_writer.hpp"

#include <cmath>

#include <boost/json.hpp>

#include "platform/json/utf8.hpp"
#include "platform/util/json_escape.hpp"

namespace qt::json {
namespace {

std::string checked_utf8(std::string_view s, const char* what) {
  if (auto at = first_invalid_utf8(s))
    throw WriteError(false, std::string(what) + " is not valid UTF-8 (at byte " + std::to_string(*at) + ")");
  return util::json_quoted(s);
}

}  // namespace

void CheckedWriter::before_value(const char* what) {
  if (complete_) throw WriteError(true, std::string(what) + " after the document was complete");
  if (stack_.empty()) return;
  Frame& f = stack_.back();
  if (f.object) {
    if (!f.has_key) throw WriteError(true, std::string(what) + " inside an object needs a key first (json_key)");
    f.has_key = false;
    return;
  }
  if (!f.empty) out_ += ',';
  f.empty = false;
}

void CheckedWriter::begin_object() {
  before_value("an object");
  out_ += '{';
  Frame f;
  f.object = true;
  stack_.push_back(std::move(f));
}

void CheckedWriter::begin_array() {
  before_value("an array");
  out_ += '[';
  stack_.emplace_back();
}

void CheckedWriter::close(bool object) {
  const char* what = object ? "end of object" : "end of array";
  if (stack_.empty() || stack_.back().object != object)
    throw WriteError(true, std::string(what) + " without a matching begin");
  if (stack_.back().has_key) throw WriteError(true, std::string(what) + " right after a key that has no value");
  stack_.pop_back();
  out_ += object ? '}' : ']';
  if (stack_.empty()) complete_ = true;
}

void CheckedWriter::end_object() { close(true); }
void CheckedWriter::end_array() { close(false); }

void CheckedWriter::key(std::string_view name) {
  if (stack_.empty() || !stack_.back().object) throw WriteError(true, "a key outside an object");
  Frame& f = stack_.back();
  if (f.has_key) throw WriteError(true, "key '" + std::string(name) + "' follows a key that has no value");
  auto text = checked_utf8(name, "key");
  if (!f.keys.emplace(name).second) throw WriteError(false, "key '" + std::string(name) + "' is written twice");
  if (!f.empty) out_ += ',';
  f.empty = false;
  out_ += text;
  out_ += ':';
  f.has_key = true;
}

void CheckedWriter::string(std::string_view value) {
  auto text = checked_utf8(value, "string value");
  before_value("a string");
  out_ += text;
  if (stack_.empty()) complete_ = true;
}

void CheckedWriter::int64(std::int64_t value) {
  before_value("a number");
  out_ += std::to_string(value);
  if (stack_.empty()) complete_ = true;
}

void CheckedWriter::number(double value) {
  if (!std::isfinite(value)) throw WriteError(false, "JSON has no NaN or infinity");
  before_value("a number");
  out_ += boost::json::serialize(boost::json::value(value));
  if (stack_.empty()) complete_ = true;
}

void CheckedWriter::boolean(bool value) {
  before_value("a boolean");
  out_ += value ? "true" : "false";
  if (stack_.empty()) complete_ = true;
}

void CheckedWriter::null() {
  before_value("null");
  out_ += "null";
  if (stack_.empty()) complete_ = true;
}

void CheckedWriter::raw(std::string_view json) {
  boost::system::error_code ec;
  auto value = boost::json::parse(json, ec);
  if (ec) throw WriteError(false, "raw JSON does not parse: " + ec.message());
  before_value("raw JSON");
  out_ += boost::json::serialize(value);
  if (stack_.empty()) complete_ = true;
}

const std::string& CheckedWriter::text() const {
  if (!complete_)
    throw WriteError(true, stack_.empty() ? "the document is empty"
                                          : std::to_string(stack_.size()) + " object(s)/array(s) still open");
  return out_;
}

}  // namespace qt::json
