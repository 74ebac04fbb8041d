import type { TRPCRouterRecord } from "@trpc/server";
import { config } from "./config";
import { signIn } from "./sign-in";
import { signOut } from "./sign-out";

export const authRouter = { config, signIn, signOut } satisfies TRPCRouterRecord;
