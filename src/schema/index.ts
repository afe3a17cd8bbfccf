// The served schema: every domain module registers itself on the builder.
import { printSchema } from 'graphql';
import { builder } from './builder.js';
import { completeColumns } from './loading/columns.js';
import './user.js';
import './organization.js';
import './membership.js';
import './viewer.js';
import './audit-event.js';
import './api-key.js';
import './invitation.js';
import './project.js';
import './task.js';
import './label.js';
import './task-label.js';

export const schema = builder.toSchema({ sortSchema: true });
completeColumns(schema);

/** schema.graphql's text: committed, so every API change shows in review. */
export function printServedSchema(): string {
  return `${printSchema(schema)}\n`;
}
