// Sources: https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html (the session and its ARN) and
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html (a session acts with its role's permissions).
/** Who holds a temporary key AssumeRole issued. */
export interface AssumedSession {
  /** The role assumed: `arn:aws:iam::<account>:role/<path><name>`. */
  readonly roleArn: string;
  /** The session as a principal: `arn:aws:sts::<account>:assumed-role/<role name>/<session name>`. */
  readonly arn: string;
  /** `<role id>:<session name>`, as GetCallerIdentity answers it. */
  readonly userId: string;
}

/**
 * The sessions AssumeRole issued, by access key id, in memory only: STS answers GetCallerIdentity from them, and the
 * services that check the caller's permissions (iam:PassRole) learn from them which role a key acts as. Any other key
 * is a long-term key of the account: its root.
 */
export class AssumedSessions {
  private readonly byAccessKey = new Map<string, AssumedSession>();

  remember(accessKeyId: string, session: AssumedSession): void {
    this.byAccessKey.set(accessKeyId, session);
  }

  /** The session an access key belongs to; undefined for a long-term key or an unsigned request. */
  of(accessKeyId: string | undefined): AssumedSession | undefined {
    return accessKeyId === undefined ? undefined : this.byAccessKey.get(accessKeyId);
  }
}
