// How much sound arrives from the agent, as WebRTC counts it: what the browser tests and the
// bench read to tell speech from silence.
import type { Room } from 'livekit-client';

/** The inbound audio's total energy (WebRTC stats), summed over the agent's audio tracks. */
export async function inboundAudioEnergy(current: Room): Promise<number> {
  let energy = 0;
  for (const participant of current.remoteParticipants.values()) {
    for (const publication of participant.audioTrackPublications.values()) {
      const report = await publication.audioTrack?.getRTCStatsReport();
      report?.forEach((stat: { type: string; kind?: string; totalAudioEnergy?: number }) => {
        if (stat.type === 'inbound-rtp' && stat.kind === 'audio') energy += stat.totalAudioEnergy ?? 0;
      });
    }
  }
  return energy;
}

/** Every 100 ms while `current` is the page's room: its inbound energy, for the tests and the bench. */
export function sampleEnergy(current: Room, isCurrent: () => boolean, push: (energy: number) => void): void {
  const timer = setInterval(async () => {
    if (!isCurrent()) return clearInterval(timer);
    push(await inboundAudioEnergy(current));
  }, 100);
}
