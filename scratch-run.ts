import { run } from "./scratch-chat";
console.log(JSON.stringify(await run()));
