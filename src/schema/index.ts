// The served schema: every domain module registers itself on the builder.
import { builder } from './builder.js';
import './user.js';
import './membership.js';
import './organization.js';
import './viewer.js';

export const schema = builder.toSchema({ sortSchema: false });
