// The roles an admin can give, as options for a select.
import { t } from '../../i18n';
import type { Role } from '../../types';

export const ROLES: Role[] = ['resident', 'staff', 'moderator', 'admin'];

export const roleOptions = () => ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));
