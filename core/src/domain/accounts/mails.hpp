#pragma once
// The texts of the mails accounts sends (German first, English below), so routes stay short.
#include <string>

#include "platform/mail/message.hpp"

namespace qt::accounts::mails {

mail::Mail confirm(const std::string& to, const std::string& municipality, const std::string& link);
mail::Mail already_registered(const std::string& to, const std::string& municipality, const std::string& reset_link);
mail::Mail reset(const std::string& to, const std::string& municipality, const std::string& link);
// The link that makes a browser a known device of a locked account (domain/accounts/devices.hpp).
mail::Mail unlock(const std::string& to, const std::string& municipality, const std::string& link);
mail::Mail password_changed(const std::string& to, const std::string& municipality, const std::string& reset_link);
mail::Mail invitation(const std::string& to, const std::string& municipality, const std::string& role,
                      const std::string& link);
mail::Mail awaiting_approval(const std::string& to, const std::string& municipality, const std::string& display_name,
                             const std::string& admin_link);
// Changing the e-mail address: the link to the new address, the notices to the old one, and
// the answer a taken address gets instead of a link (the requester learns nothing from it).
mail::Mail email_change_confirm(const std::string& to, const std::string& municipality, const std::string& link);
mail::Mail email_change_requested(const std::string& to, const std::string& municipality, const std::string& new_email,
                                  const std::string& reset_link);
mail::Mail email_changed(const std::string& to, const std::string& municipality, const std::string& new_email,
                         const std::string& reset_link);
mail::Mail email_change_taken(const std::string& to, const std::string& municipality);
mail::Mail approved(const std::string& to, const std::string& municipality, const std::string& login_link);

mail::Mail declined(const std::string& to, const std::string& municipality, const std::string& reason);

}  // namespace qt::accounts::mails
