// The plain-text summary on cards, in the urgent banner and in mails: Markdown marks go, the
// shape a reader needs stays (paragraphs apart, a list one item per line), and the cut is UTF-8 safe.
#include <catch2/catch.hpp>

#include "platform/markdown/markdown.hpp"

using qt::stream::plain_summary;

TEST_CASE("summary: a list keeps one item per line, paragraphs stay apart", "[markdown]") {
  CHECK(plain_summary("Bitte mitbringen:\n\n- Wasser\n- Brot\n- **Decken**") == "Bitte mitbringen:\n\n- Wasser\n- Brot\n- Decken");
  CHECK(plain_summary("1. Treffpunkt Rathaus\n2. Ausgabe ab 10 Uhr") == "1. Treffpunkt Rathaus\n2. Ausgabe ab 10 Uhr");
  CHECK(plain_summary("Erster Absatz\nmit weichem Umbruch.\n\n\n\nZweiter   Absatz.") ==
        "Erster Absatz\nmit weichem Umbruch.\n\nZweiter Absatz.");
  CHECK(plain_summary("# Wasserwerk\n\nDas  Wasser   ist wieder trinkbar.") == "Wasserwerk\n\nDas Wasser ist wieder trinkbar.");
}

TEST_CASE("summary: marks stripped, blanks folded, no leading or trailing breaks", "[markdown]") {
  CHECK(plain_summary("\n\n  *Hallo*   [Nachbarn](https://example.org)  \n\n") == "Hallo Nachbarn");
  CHECK(plain_summary("").empty());
  CHECK(plain_summary("<script>alert(1)</script>").find("<script") == std::string::npos);
}

TEST_CASE("summary: cut after max_chars code points with an ellipsis", "[markdown]") {
  CHECK(plain_summary("Grüße aus dem Südviertel", 5) == "Grüße…");
  CHECK(plain_summary("- äöü\n- ß", 5) == "- äöü…");
  CHECK(plain_summary("kurz", 10) == "kurz");
}
