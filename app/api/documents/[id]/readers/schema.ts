import { z } from "zod";
import { readersSchema } from "../../schema";

export const changeReadersSchema = z.object({ readers: readersSchema });
