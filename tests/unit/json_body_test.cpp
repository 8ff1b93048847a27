// quartier/json_body.hpp, the reader the core and plugins share: what it accepts, and what its
// refusals say (kind, field, limit, code, a bilingual default message).
#include <catch2/catch.hpp>

#include <quartier/json_body.hpp>

namespace json = quartier::json;
using Kind = quartier::JsonBodyError::Kind;

namespace {
template <class F>
quartier::JsonBodyError refusal(F&& f) {
  try {
    f();
  } catch (const quartier::JsonBodyError& e) {
    return e;
  }
  FAIL("no JsonBodyError");
  return quartier::JsonBodyError(Kind::missing, "");
}
}  // namespace

TEST_CASE("the JSON body reader reads objects and refuses fields not listed", "[json_body]") {
  CHECK(json::parse_object("").empty());
  const auto o = json::parse_object(R"({"title":"Fest","n":3,"on":true,"none":null})");
  CHECK_NOTHROW(json::refuse_unknown(o, "title, n,on,none"));
  CHECK(json::required_string(o, "title", 10) == "Fest");
  CHECK(json::optional_int(o, "n") == 3);
  CHECK(json::optional_bool(o, "on") == true);
  CHECK_FALSE(json::optional_string(o, "none", 10));
  CHECK_FALSE(json::optional_int(o, "absent"));

  CHECK(refusal([] { json::parse_object("[1]"); }).kind() == Kind::not_an_object);
  CHECK(refusal([] { json::parse_object("{"); }).code() == "invalid_json");
  const auto e = refusal([&] { json::refuse_unknown(o, "title,n"); });
  CHECK(e.kind() == Kind::unknown_field);
  CHECK(e.code() == "unknown_field");
}

TEST_CASE("the JSON body reader names the field and the limit it refuses", "[json_body]") {
  const auto o = json::parse_object(R"({"t":"Größe","n":"7","b":1})");
  CHECK(json::optional_string(o, "t", 5, json::Count::code_points) == "Größe");
  const auto long_text = refusal([&] { json::optional_string(o, "t", 5); });  // 7 bytes
  CHECK(long_text.kind() == Kind::too_long);
  CHECK(long_text.field() == "t");
  CHECK(long_text.limit() == 5);
  CHECK(std::string(long_text.what()) == "'t' darf höchstens 5 Zeichen haben. / 't' may have at most 5 characters.");
  CHECK(refusal([&] { json::optional_int(o, "n"); }).kind() == Kind::not_an_integer);
  CHECK(refusal([&] { json::optional_bool(o, "b"); }).code() == "invalid_field");
  CHECK(refusal([&] { json::optional_string(o, "b", 9); }).kind() == Kind::not_a_string);
  const auto missing = refusal([&] { json::required_string(o, "x", 9); });
  CHECK(missing.code() == "missing_field");
  CHECK(std::string(missing.what()) == "'x' fehlt. / 'x' is required.");
}
