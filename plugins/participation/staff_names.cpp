// Whose name an official answer or status change carries: the staff member's next to the
// department's, or the department's alone when the municipality says so
// (answers_department_only). Decided when shown, never stored, so switching it on also hides
// the names on everything handled before.
#include "question.hpp"

namespace participation {

void declare_answer_settings(quartier::Plugin& plugin) {
  plugin.setting("answers_department_only", QT_SETTING_BOOL, "false",
                 "Antworten und Statusänderungen zeigen nur die Abteilung, nie den Namen der Mitarbeiterin oder des Mitarbeiters "
                 "(auch in der Datenauskunft und für frühere Antworten).",
                 "Answers and status changes show the department only, never the staff member's name (also in the data "
                 "export and for earlier answers).");
}

bool department_only() {
  const auto v = quartier::config("answers_department_only");
  return v && *v == "true";
}

}  // namespace participation
