#pragma once
// The texts of the mails accounts sends (German first, English below), so routes stay short.
#include <string>

#include "mail/message.hpp"

namespace qt::accounts::mails {

mail::Mail confirm(const std::string& to, const std::string& municipality, const std::string& link);
mail::Mail already_registered(const std::string& to, const std::string& municipality, const std::string& reset_link);
mail::Mail reset(const std::string& to, const std::string& municipality, const std::string& link);
mail::Mail password_changed(const std::string& to, const std::string& municipality, const std::string& reset_link);
mail::Mail invitation(const std::string& to, const std::string& municipality, const std::string& role,
                      const std::string& link);
mail::Mail awaiting_approval(const std::string& to, const std::string& municipality, const std::string& display_name,
                             const std::string& admin_link);
mail::Mail approved(const std::string& to, const std::string& municipality, const std::string& login_link);

}  // namespace qt::accounts::mails
