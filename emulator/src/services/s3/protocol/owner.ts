/** The one account of the emulator, as S3 names owners in listings (a canonical user ID is 64 hex digits). */
export const OWNER = {
  ID: "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a",
  DisplayName: "gpu-stream",
} as const;
