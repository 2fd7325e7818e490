#!/usr/bin/env node
// The floor `pnpm bench` measures a lesson against: what every lesson pays before it does anything,
// the pnpm launcher starting node and node importing @livekit/agents, from the kit's folder as
// lesson.mjs does. `pnpm -s bench:floor` starts it the way `pnpm -s lesson greeting` starts a lesson.
await import('@livekit/agents');
