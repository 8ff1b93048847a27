// The roles an admin can give, as options for a select.
import { t } from '../../i18n';
import { ROLES } from '../../api/account';

export const roleOptions = () => ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));
