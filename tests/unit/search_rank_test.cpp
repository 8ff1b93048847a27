// Ranking of the search window (search/rank.cpp): whole words above compound parts, title over
// summary over body, more occurrences over fewer, shorter over longer, newest first among
// equals; and the German folding and stemming that the index and the ranking share.
#include <catch2/catch.hpp>

#include "domain/search/rank.hpp"
#include "domain/search/text.hpp"
#include "platform/text/german.hpp"

using qt::search::Candidate;
using qt::search::rank;
using qt::search::text::terms;

TEST_CASE("the search window ranks title over summary over body", "[unit][search]") {
  const std::vector<Candidate> docs = {
      {1, "", "", "Am Samstag ist Fahrradflohmarkt im Hof"},
      {2, "Fahrradflohmarkt", "", "Am Samstag im Hof"},
      {3, "", "Fahrradflohmarkt am Samstag", "im Hof"},
  };
  CHECK(rank(docs, terms("fahrradflohmarkt")) == std::vector<std::int64_t>{2, 3, 1});
}

TEST_CASE("more occurrences and shorter texts rank higher, ties newest first", "[unit][search]") {
  const std::vector<Candidate> docs = {
      {10, "", "", "Quitten Quitten Quitten, wer mag Quitten?"},
      {11, "", "", "Quitten zu verschenken"},
      {12, "", "", "Quitten zu verschenken"},
      {13, "", "", "Wir haben im Garten sehr viele reife Quitten und Äpfel und Birnen und Pflaumen zu verschenken"},
  };
  const auto r = rank(docs, terms("Quitten"));
  REQUIRE(r.size() == 4);
  CHECK(r[0] == 10);
  CHECK(r[1] == 12);  // equal to 11, newer
  CHECK(r[2] == 11);
  CHECK(r[3] == 13);
}

TEST_CASE("whole words rank above compound parts, the typed form above other forms", "[unit][search]") {
  const std::vector<Candidate> docs = {
      {1, "Gemeinschaftsgarten", "", "Gemeinschaftsgarten Gemeinschaftsgarten"},  // part, three times, in the title
      {2, "", "", "Der Garten hier"},
      {3, "", "", "Des Gartens Hof"},   // the same stem, another form
      {4, "", "", "Der Gärten Hof"},    // folds to the very form typed
      {5, "", "", "Nichts davon"},
  };
  const auto r = rank(docs, terms("Garten"));
  REQUIRE(r.size() == 5);
  CHECK(r[0] == 4);  // exact, equal to 2, newer
  CHECK(r[1] == 2);
  CHECK(r[2] == 3);
  CHECK(r[3] == 1);  // only a part
  CHECK(r[4] == 5);
  CHECK(rank({}, terms("Garten")).empty());
}

TEST_CASE("German folding: umlauts and their transliterations, ß and ss, case", "[unit][search]") {
  namespace g = qt::text::german;
  CHECK(g::fold("Straße") == "strasse");
  CHECK(g::fold("STRASSE") == "strasse");
  CHECK(g::fold("München") == g::fold("Muenchen"));
  CHECK(g::fold("ÄRZTE") == g::fold("Aerzte"));
  CHECK(g::fold("Öl") == g::fold("Oel"));
  CHECK(g::fold("Quelle") == "quelle");  // ue after q is no ü
  CHECK(g::fold("Queue") == "queu");
  CHECK(g::fold("QUEUE") == "queu");                  // ASCII words take a faster path: the same result
  CHECK(g::fold("MUELLER") == g::fold("Müller"));
  CHECK(g::fold("Aee") == g::fold("Äee"));  // both "ae": one pass, the e left over stays
  CHECK(g::fold("Café") == "cafe");
  CHECK(g::stem(g::fold("Gärten")) == g::stem(g::fold("Garten")));
  CHECK(g::stem(g::fold("Flohmärkte")) == g::stem(g::fold("Flohmarkt")));
  CHECK(g::stem(g::fold("Gemeinschaftsgarten")) == "gemeinschaftsgart");
}

TEST_CASE("query words: punctuation separates, at most 8, 2..64 bytes", "[unit][search]") {
  using qt::search::text::words;
  CHECK(words("„Frühjahrsputz“ am Hof!") == std::vector<std::string>{"frühjahrsputz", "am", "hof"});
  CHECK(words("%_ a % b_c").empty());
  CHECK(words("50%-Rabatt") == std::vector<std::string>{"50", "rabatt"});
  CHECK(words("eins zwei drei vier fünf sechs sieben acht neun").size() == 8);
  CHECK(terms("Putz").front().parts());
  CHECK_FALSE(terms("Hof").front().parts());  // below kMinPart: whole words and word starts only
}
