// A Stainless-generated SDK (openai) making one call.
import OpenAI from "openai";

const openai = new OpenAI({ apiKey: "sk-bench" });
export const model = await openai.models.retrieve("gpt-4o");
