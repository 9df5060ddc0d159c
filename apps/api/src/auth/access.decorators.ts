import { SetMetadata } from '@nestjs/common';
import type { Role } from '@fresh/access';

export const ROLES_KEY = 'fresh:roles';
export const PUBLIC_KEY = 'fresh:public';

/** Who may call a route. A partner key may also only name its own partnerId. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route anyone may call without a key (health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
