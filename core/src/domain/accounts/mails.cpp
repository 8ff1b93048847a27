#include "domain/accounts/mails.hpp"

namespace qt::accounts::mails {
namespace {

std::string footer(const std::string& municipality) {
  return "\n-- \nQuartier " + municipality +
         "\nDiese Nachricht wurde automatisch erstellt. / This message was sent automatically.\n";
}

std::string role_de(const std::string& role) {
  if (role == "staff") return "Verwaltung";
  if (role == "moderator") return "Moderation";
  if (role == "admin") return "Administration";
  return "Bewohnerin / Bewohner";
}

}  // namespace

mail::Mail confirm(const std::string& to, const std::string& municipality, const std::string& link) {
  return {to, "Bitte bestätigen Sie Ihre E-Mail-Adresse für Quartier " + municipality,
          "Hallo,\n\nbitte bestätigen Sie Ihre Registrierung bei Quartier " + municipality +
              " mit diesem Link (48 Stunden gültig, nur einmal verwendbar):\n\n" + link +
              "\n\nWenn Sie sich nicht registriert haben, ignorieren Sie diese Nachricht einfach.\n\n"
              "Please confirm your registration with the link above. If it was not you, ignore this message.\n" +
              footer(municipality)};
}

mail::Mail already_registered(const std::string& to, const std::string& municipality, const std::string& reset_link) {
  return {to, "Registrierung bei Quartier " + municipality,
          "Hallo,\n\njemand wollte sich mit dieser E-Mail-Adresse neu registrieren. Es gibt aber schon ein Konto "
          "dafür.\nWenn Sie Ihr Passwort vergessen haben, können Sie es hier neu setzen:\n\n" +
              reset_link +
              "\n\nWenn Sie das nicht waren, ist nichts passiert; Sie können diese Nachricht ignorieren.\n\n"
              "Someone tried to register with this address, but an account exists already.\n" +
              footer(municipality)};
}

mail::Mail reset(const std::string& to, const std::string& municipality, const std::string& link) {
  return {to, "Passwort zurücksetzen für Quartier " + municipality,
          "Hallo,\n\nmit diesem Link können Sie ein neues Passwort setzen (2 Stunden gültig, nur einmal "
          "verwendbar):\n\n" +
              link +
              "\n\nWenn Sie das nicht angefordert haben, ignorieren Sie diese Nachricht; Ihr Passwort bleibt dann, wie "
              "es ist.\n\nUse the link above to set a new password. If you did not ask for it, ignore this message.\n" +
              footer(municipality)};
}

mail::Mail unlock(const std::string& to, const std::string& municipality, const std::string& link) {
  return {to, "Anmeldung auf einem neuen Gerät freischalten für Quartier " + municipality,
          "Hallo,\n\nfür Ihr Konto wurde mehrfach ein falsches Passwort eingegeben. Deshalb ist die Anmeldung "
          "von Geräten, die Sie hier noch nie benutzt haben, vorübergehend gesperrt; Ihre bekannten Geräte "
          "funktionieren weiter.\n\nÖffnen Sie diesen Link auf dem Gerät, mit dem Sie sich anmelden möchten "
          "(2 Stunden gültig, nur einmal verwendbar); danach gilt es als bekannt:\n\n" +
              link +
              "\n\nWaren die falschen Passwörter nicht von Ihnen, hat jemand versucht, Ihr Passwort zu erraten. "
              "Ändern Sie es am besten, wenn es kurz oder anderswo verwendet ist.\n\n"
              "Too many wrong passwords were entered for your account, so new devices are locked out for a while. "
              "Open the link above on the device you want to sign in with to make it a known device.\n" +
              footer(municipality)};
}

mail::Mail password_changed(const std::string& to, const std::string& municipality, const std::string& reset_link) {
  return {to, "Ihr Passwort für Quartier " + municipality + " wurde geändert",
          "Hallo,\n\ndas Passwort Ihres Kontos wurde soeben geändert und alle anderen Anmeldungen wurden beendet.\n"
          "Wenn Sie das nicht waren, setzen Sie Ihr Passwort sofort neu:\n\n" +
              reset_link +
              "\n\nund wenden Sie sich an die Administration.\n\n"
              "Your password was changed and all other sessions were ended. If this was not you, reset it now.\n" +
              footer(municipality)};
}

mail::Mail invitation(const std::string& to, const std::string& municipality, const std::string& role,
                      const std::string& link) {
  return {to, "Einladung zu Quartier " + municipality,
          "Hallo,\n\nSie wurden zu Quartier " + municipality + " eingeladen (Rolle: " + role_de(role) +
              ").\nMit diesem Link legen Sie Ihr Konto an (14 Tage gültig, nur einmal verwendbar):\n\n" + link +
              "\n\nYou have been invited to Quartier " + municipality + ". Use the link above to create your account.\n" +
              footer(municipality)};
}

mail::Mail awaiting_approval(const std::string& to, const std::string& municipality, const std::string& display_name,
                             const std::string& admin_link) {
  return {to, "Neue Registrierung wartet auf Freischaltung (Quartier " + municipality + ")",
          "Hallo,\n\n" + display_name +
              " hat die E-Mail-Adresse bestätigt und wartet auf Freischaltung. Bitte in der Verwaltung prüfen:\n\n" +
              admin_link + "\n\nA new registration awaits approval.\n" + footer(municipality)};
}

mail::Mail email_change_confirm(const std::string& to, const std::string& municipality, const std::string& link) {
  return {to, "Neue E-Mail-Adresse für Quartier " + municipality + " bestätigen",
          "Hallo,\n\nSie möchten diese Adresse künftig für Ihr Konto bei Quartier " + municipality +
              " verwenden. Bitte bestätigen Sie das mit diesem Link (48 Stunden gültig, nur einmal verwendbar):\n\n" +
              link +
              "\n\nErst danach wird die Adresse umgestellt. Wenn Sie das nicht waren, ignorieren Sie diese Nachricht.\n\n"
              "Please confirm your new e-mail address with the link above; only then does it change.\n" +
              footer(municipality)};
}

mail::Mail email_change_requested(const std::string& to, const std::string& municipality, const std::string& new_email,
                                  const std::string& reset_link) {
  return {to, "Änderung Ihrer E-Mail-Adresse bei Quartier " + municipality,
          "Hallo,\n\nfür Ihr Konto wurde eine neue E-Mail-Adresse angegeben: " + new_email +
              "\nSie wird erst umgestellt, wenn der Link in der Nachricht an die neue Adresse benutzt wird.\n"
              "Wenn Sie das nicht waren, setzen Sie bitte sofort Ihr Passwort neu:\n\n" +
              reset_link +
              "\n\nA change of your account's e-mail address was requested. If this was not you, reset your "
              "password now.\n" +
              footer(municipality)};
}

mail::Mail email_changed(const std::string& to, const std::string& municipality, const std::string& new_email,
                         const std::string& reset_link) {
  return {to, "Ihre E-Mail-Adresse bei Quartier " + municipality + " wurde geändert",
          "Hallo,\n\nIhr Konto verwendet ab jetzt die Adresse " + new_email +
              ". An diese Adresse kommen keine Nachrichten mehr.\nWenn Sie das nicht waren, wenden Sie sich bitte "
              "sofort an die Administration und setzen Sie Ihr Passwort neu:\n\n" +
              reset_link + "\n\nYour account's e-mail address was changed. If this was not you, contact the administration.\n" +
              footer(municipality)};
}

mail::Mail email_change_taken(const std::string& to, const std::string& municipality) {
  return {to, "E-Mail-Adresse bei Quartier " + municipality,
          "Hallo,\n\njemand wollte diese Adresse für ein anderes Konto bei Quartier " + municipality +
              " verwenden. Für diese Adresse gibt es aber schon ein Konto, deshalb wurde nichts geändert.\n"
              "Wenn Sie das selbst waren: Eine Adresse kann nur zu einem Konto gehören.\n\n"
              "Someone tried to use this address for another account; nothing was changed.\n" +
              footer(municipality)};
}

mail::Mail approved(const std::string& to, const std::string& municipality, const std::string& login_link) {
  return {to, "Ihr Konto bei Quartier " + municipality + " ist freigeschaltet",
          "Hallo,\n\nIhr Konto wurde von der Administration freigeschaltet. Sie können sich jetzt anmelden:\n\n" +
              login_link + "\n\nYour account has been approved; you can log in now.\n" + footer(municipality)};
}

mail::Mail declined(const std::string& to, const std::string& municipality, const std::string& reason) {
  return {to, "Ihre Registrierung bei Quartier " + municipality,
          "Hallo,\n\ndie Verwaltung hat Ihre Registrierung bei Quartier " + municipality +
              " nicht freigeschaltet. Ihre Angaben wurden gelöscht.\n" +
              (reason.empty() ? std::string() : "\nBegründung: " + reason + "\n") +
              "\nBei Fragen wenden Sie sich bitte an die Verwaltung.\n\n"
              "Your registration was not approved; your data has been deleted.\n" +
              footer(municipality)};
}

}  // namespace qt::accounts::mails
