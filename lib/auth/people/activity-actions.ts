/** What the admin activity log records (lib/auth/people/activity.ts); shared with the auditors' page. */
export const ACTIVITY_ACTIONS = [
  "user.create",
  "user.rename",
  "user.role",
  "user.deactivate",
  "user.reactivate",
  "user.welcome_link",
  "user.password_set",
  "user.provision",
  "group.create",
  "group.rename",
  "group.delete",
  "group.members",
  "workspace.create",
  "workspace.password_sign_in",
] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];

/** An entry as auditors read it. */
export type ActivityRow = {
  id: string;
  createdAt: string;
  actorLabel: string;
  action: string;
  targetType: string;
  targetLabel: string;
  before: unknown;
  after: unknown;
};
