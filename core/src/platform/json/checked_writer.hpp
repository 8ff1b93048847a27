#pragma once
// Writes one JSON document call by call (begin/end object and array, key, values) and refuses
// anything that would not be valid JSON: a value without a key inside an object, a key twice,
// an unclosed container, text that is not UTF-8, a NaN, raw text that does not parse. Made for
// the plain-C plugins (qt_json_writer), which otherwise each carry an escaper of their own.
#include <cstdint>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace qt::json {

// A refused call: `misuse` is a call out of order (a state error), otherwise a bad value.
class WriteError : public std::runtime_error {
 public:
  WriteError(bool misuse, const std::string& message) : std::runtime_error(message), misuse_(misuse) {}
  bool misuse() const { return misuse_; }

 private:
  bool misuse_;
};

class CheckedWriter {
 public:
  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  void key(std::string_view name);
  void string(std::string_view value);
  void int64(std::int64_t value);
  void number(double value);
  void boolean(bool value);
  void null();
  // A value given as JSON text: parsed (so it is checked) and written compactly.
  void raw(std::string_view json);

  // The finished document; throws WriteError(misuse) while containers are open or empty.
  const std::string& text() const;

 private:
  struct Frame {
    bool object = false;
    bool has_key = false;  // object: a key was written and waits for its value
    bool empty = true;
    std::set<std::string, std::less<>> keys;
  };
  void before_value(const char* what);
  void close(bool object);

  std::vector<Frame> stack_;
  std::string out_;
  bool complete_ = false;
};

}  // namespace qt::json
