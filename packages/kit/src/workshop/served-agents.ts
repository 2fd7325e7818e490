// Whose agent each room got, as the server says (lk.agent_name on the agent's participant),
// watched from the room API all along: how the workshop test and `pnpm bench --workshop` tell a
// room that got its own learner's agent from one that got another's, or none.
import type { RoomServiceClient } from 'livekit-server-sdk';
import { AGENT_NAME_ATTRIBUTE } from './agent-wait.js';
import { DESK_PREFIX } from './desk.js';

export interface ServedAgentsWatch {
  /** Room name → every agent name seen in it so far (the learners' desk rooms left out). */
  served: Map<string, Set<string>>;
  /** Stop watching, once the look under way has ended. */
  stop(): Promise<void>;
}

/** Look at every room and its participants every `everyMs` until stopped. */
export function watchServedAgents(rooms: RoomServiceClient, everyMs = 300): ServedAgentsWatch {
  const served = new Map<string, Set<string>>();
  let watching = true;
  const watch = (async () => {
    while (watching) {
      for (const room of await rooms.listRooms().catch(() => [])) {
        if (room.name.startsWith(DESK_PREFIX)) continue;
        for (const p of await rooms.listParticipants(room.name).catch(() => [])) {
          const agent = p.attributes?.[AGENT_NAME_ATTRIBUTE];
          if (agent) (served.get(room.name) ?? served.set(room.name, new Set()).get(room.name)!).add(agent);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    served,
    async stop() {
      watching = false;
      await watch;
    },
  };
}
