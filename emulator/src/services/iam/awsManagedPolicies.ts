/**
 * The documents of the AWS managed policies the emulator evaluates, each as the AWS Managed Policy Reference
 * publishes its default version. Any other AWS managed policy attached to a role grants nothing in the emulator
 * (RoleAuthority says so in the emulator's log).
 */
const DOCUMENTS: Readonly<Record<string, unknown>> = {
  // v5 (default), edited September 11, 2023:
  // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSGlueServiceRole.html
  "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole": {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: [
          "glue:*",
          "s3:GetBucketLocation",
          "s3:ListBucket",
          "s3:ListAllMyBuckets",
          "s3:GetBucketAcl",
          "ec2:DescribeVpcEndpoints",
          "ec2:DescribeRouteTables",
          "ec2:CreateNetworkInterface",
          "ec2:DeleteNetworkInterface",
          "ec2:DescribeNetworkInterfaces",
          "ec2:DescribeSecurityGroups",
          "ec2:DescribeSubnets",
          "ec2:DescribeVpcAttribute",
          "iam:ListRolePolicies",
          "iam:GetRole",
          "iam:GetRolePolicy",
          "cloudwatch:PutMetricData",
        ],
        Resource: ["*"],
      },
      { Effect: "Allow", Action: ["s3:CreateBucket"], Resource: ["arn:aws:s3:::aws-glue-*"] },
      { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: ["arn:aws:s3:::aws-glue-*/*", "arn:aws:s3:::*/*aws-glue-*/*"] },
      { Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::crawler-public*", "arn:aws:s3:::aws-glue-*"] },
      { Effect: "Allow", Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], Resource: ["arn:aws:logs:*:*:*:/aws-glue/*"] },
      {
        Effect: "Allow",
        Action: ["ec2:CreateTags", "ec2:DeleteTags"],
        Condition: { "ForAllValues:StringEquals": { "aws:TagKeys": ["aws-glue-service-resource"] } },
        Resource: ["arn:aws:ec2:*:*:network-interface/*", "arn:aws:ec2:*:*:security-group/*", "arn:aws:ec2:*:*:instance/*"],
      },
    ],
  },
  // v3 (default), edited August 10, 2023:
  // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonS3ReadOnlyAccess.html
  "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess": {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: ["s3:Get*", "s3:List*", "s3:Describe*", "s3-object-lambda:Get*", "s3-object-lambda:List*"], Resource: "*" }],
  },
};

/** The policy's document as JSON text, or undefined when the emulator does not have it. */
export function awsManagedPolicyDocument(policyArn: string): string | undefined {
  const document = DOCUMENTS[policyArn];
  return document === undefined ? undefined : JSON.stringify(document);
}
