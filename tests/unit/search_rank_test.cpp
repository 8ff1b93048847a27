// Ranking of the SQLite search window (search/rank.cpp): title over summary over body, more
// occurrences over fewer, shorter over longer, newest first among equals; umlauts and case
// folded, words matched by their start.
#include <catch2/catch.hpp>

#include "domain/search/rank.hpp"
#include "domain/search/text.hpp"

using qt::search::Candidate;
using qt::search::rank;

TEST_CASE("the search window ranks title over summary over body", "[unit][search]") {
  const std::vector<Candidate> docs = {
      {1, "", "", "Am Samstag ist Fahrradflohmarkt im Hof"},
      {2, "Fahrradflohmarkt", "", "Am Samstag im Hof"},
      {3, "", "Fahrradflohmarkt am Samstag", "im Hof"},
  };
  CHECK(rank(docs, {"fahrradflohmarkt"}) == std::vector<std::int64_t>{2, 3, 1});
}

TEST_CASE("more occurrences and shorter texts rank higher, ties newest first", "[unit][search]") {
  const std::vector<Candidate> docs = {
      {10, "", "", "Quitten Quitten Quitten, wer mag Quitten?"},
      {11, "", "", "Quitten zu verschenken"},
      {12, "", "", "Quitten zu verschenken"},
      {13, "", "", "Wir haben im Garten sehr viele reife Quitten und Äpfel und Birnen und Pflaumen zu verschenken"},
  };
  const auto r = rank(docs, {"quitt"});
  REQUIRE(r.size() == 4);
  CHECK(r[0] == 10);
  CHECK(r[1] == 12);  // equal to 11, newer
  CHECK(r[2] == 11);
  CHECK(r[3] == 13);
}

TEST_CASE("ranking folds case and umlauts and matches word starts", "[unit][search]") {
  using qt::search::text::fold_umlauts;
  using qt::search::text::light_stem;
  const auto stem = fold_umlauts(light_stem("fahrräder"));
  CHECK(stem == "fahrrad");
  const std::vector<Candidate> docs = {{1, "", "", "Nichts davon"}, {2, "FAHRRÄDER", "", ""}, {3, "", "", "Fahrradweg gesperrt"}};
  const auto r = rank(docs, {stem});
  CHECK(r.front() == 2);
  CHECK(r.back() == 1);
  CHECK(rank({}, {stem}).empty());
}
