// The playground page: the learner in the lesson's room. It joins on a token the kit mints for
// one room, plays the agent's voice, shows its words as they are spoken, sends typed turns on
// lk.chat (the agent routes them through the end-of-turn path, so onUserTurnCompleted runs), and
// draws the hook timeline live from the kit's trace (topic lessons.trace) with the docs' renderer.
import {
  DisconnectReason,
  type RemoteTrack,
  Room,
  RoomEvent,
  Track,
  type TextStreamReader,
} from 'livekit-client';
import type { LessonEvent, TimedEvent } from '../../kit/src/trace/events.js';
import { renderTimeline } from '../../kit/src/render/timeline/timeline.js';
import { sampleEnergy } from './audio-energy.js';
import { whenTheKitStops } from './kit-alive.js';
import { aloneInBrowser } from './one-tab.js';

interface PageConfig {
  lesson: string;
  title: string;
  user: string;
  scenes: { id?: string; title: string }[];
}

const config = JSON.parse(document.getElementById('lesson-config')!.textContent!) as PageConfig;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
/** Once the lesson has stopped (or another tab is the learner), that stays the page's status. */
let finalStatus = false;
function status(text: string, kind = '', final = false): void {
  if (finalStatus) return;
  finalStatus = final;
  Object.assign($('status'), { textContent: text, className: kind });
}

/** What the page has seen, for the browser tests (and a curious learner's console). */
const seen = {
  events: [] as TimedEvent[],
  agentState: '',
  audioElements: [] as HTMLMediaElement[],
  /** The agent's audio as it arrived: WebRTC's running total of its energy, every 100 ms. */
  energy: [] as { t: number; energy: number }[],
};
(window as unknown as { playground: typeof seen }).playground = seen;

let room: Room | undefined;
let startedAt = performance.now();

function record(event: LessonEvent): void {
  const timed = { ...event, t: Math.round(performance.now() - startedAt) } as TimedEvent;
  seen.events.push(timed);
  $('timeline').innerHTML = renderTimeline(seen.events, { title: `Hook timeline: ${config.lesson}` });
  // The terminal prints the same trace (the kit formats it); the page's own bookkeeping stays here.
  if (event.type !== 'agent_state' && event.type !== 'speech' && event.type !== 'start') {
    void fetch('/api/events', { method: 'POST', body: JSON.stringify(event) }).catch(() => {});
  }
}

function line(who: 'you' | 'agent', text = ''): HTMLElement {
  const row = document.createElement('p');
  row.className = who;
  row.innerHTML = `<b></b> <span></span>`;
  row.querySelector('b')!.textContent = who === 'you' ? config.user : 'agent';
  row.querySelector('span')!.textContent = text;
  $('transcript').append(row);
  row.scrollIntoView({ block: 'end' });
  return row.querySelector('span')!;
}

function showParticipants(): void {
  const names = room
    ? [room.localParticipant, ...room.remoteParticipants.values()].map((p) => p.identity)
    : [];
  $('participants').textContent = names.join(', ') || '(nobody)';
}

async function readTranscript(reader: TextStreamReader, from: string): Promise<void> {
  const mine = from === room?.localParticipant.identity;
  if (mine) {
    // What the agent heard from the learner: keep the final version only.
    const text = (await reader.readAll()).trim();
    if (text && reader.info.attributes?.['lk.transcription_final'] === 'true')
      record({ type: 'message', role: 'user', text });
    return;
  }
  // The agent's words stream in step with its audio: show each as it arrives.
  const span = line('agent');
  let text = '';
  try {
    for await (const chunk of reader) span.textContent = text += chunk;
  } catch {
    // the room went away mid-sentence: what arrived is what was said
  }
  if (text.trim()) record({ type: 'message', role: 'assistant', text: text.trim() });
  else span.parentElement!.remove();
}

async function readTrace(reader: TextStreamReader): Promise<void> {
  try {
    const event = JSON.parse(await reader.readAll()) as LessonEvent;
    if (event.type === 'agent_state') {
      seen.agentState = event.state;
      $('agent-state').textContent = event.state;
      document.body.classList.toggle('speaking', event.state === 'speaking');
    }
    record(event);
  } catch {
    // an event cut off by a disconnect
  }
}

function playAudio(track: RemoteTrack): void {
  if (track.kind !== Track.Kind.Audio) return;
  const element = track.attach();
  seen.audioElements.push(element);
  $('audio').append(element);
}

async function join(scene?: { id?: string; title: string }): Promise<void> {
  await room?.disconnect();
  $('transcript').replaceChildren();
  seen.events.length = 0;
  seen.energy.length = 0;
  seen.agentState = '';
  $('agent-state').textContent = 'not here yet';
  startedAt = performance.now();
  // Marks for `pnpm bench`, which times each step from the page's opening to the agent's speech
  // (events carry times from this mark on).
  performance.mark('lessons:join');
  record({
    type: 'start',
    lesson: config.lesson,
    mode: 'local',
    user: config.user,
    model: 'offline stand-in',
  });
  if (scene)
    record({
      type: 'scene',
      index: config.scenes.indexOf(scene) + 1,
      of: config.scenes.length,
      title: scene.title,
    });
  const response = await fetch('/api/room', { method: 'POST', body: JSON.stringify({ scene: scene?.id }) });
  if (!response.ok) return status(`The kit could not open a room: ${await response.text()}`, 'alert');
  performance.mark('lessons:token');
  const { url, token, roomName } = (await response.json()) as {
    url: string;
    token: string;
    roomName: string;
  };
  const current = new Room();
  room = current;
  current.registerTextStreamHandler('lk.transcription', (reader, from) =>
    readTranscript(reader, from.identity),
  );
  current.registerTextStreamHandler('lessons.trace', (reader) => readTrace(reader));
  current
    .on(RoomEvent.TrackSubscribed, (track) => playAudio(track))
    .on(RoomEvent.AudioPlaybackStatusChanged, () => ($('enable-audio').hidden = current.canPlaybackAudio))
    .on(RoomEvent.ParticipantConnected, (p) => {
      record({ type: 'room', event: 'participant_joined', identity: p.identity });
      showParticipants();
      status(`In room ${roomName}: the agent is here.`);
    })
    .on(RoomEvent.ParticipantDisconnected, (p) => {
      record({ type: 'room', event: 'participant_left', identity: p.identity });
      showParticipants();
      if (current.state === 'connected') status('The agent left; the room is still here.', 'ended');
    })
    .on(RoomEvent.Disconnected, (reason) => {
      const name = reason === undefined ? 'CLIENT_INITIATED' : DisconnectReason[reason];
      if (room !== current) return;
      if (reason === DisconnectReason.ROOM_DELETED) {
        record({ type: 'room', event: 'room_deleted', room: roomName });
        status('The room was deleted: everyone in it was disconnected.', 'ended');
      } else status(`Disconnected (${name}).`, 'ended');
      record({
        type: 'room',
        event: 'disconnected',
        identity: current.localParticipant.identity,
        reason: name,
      });
      showParticipants();
    });
  await current.connect(url, token);
  performance.mark('lessons:connected');
  sampleEnergy(
    current,
    () => room === current,
    (energy) => seen.energy.push({ t: Math.round(performance.now() - startedAt), energy }),
  );
  record({ type: 'room', event: 'connected', identity: current.localParticipant.identity, room: roomName });
  // The kit dispatched the agent with the room, so it may have been there before the page.
  const joined = (identity: string) =>
    seen.events.some((e) => e.type === 'room' && e.event === 'participant_joined' && e.identity === identity);
  for (const { identity } of current.remoteParticipants.values())
    if (!joined(identity)) record({ type: 'room', event: 'participant_joined', identity });
  const waiting = `${scene ? `: ${scene.title}` : ''}. Waiting for the agent…`;
  status(`In room ${roomName}${current.remoteParticipants.size ? ': the agent is here.' : waiting}`);
  showParticipants();
  $('enable-audio').hidden = current.canPlaybackAudio;
}

async function send(text: string): Promise<void> {
  if (!room || room.state !== 'connected' || !text.trim()) return;
  line('you', text);
  record({ type: 'input', text });
  await room.localParticipant.sendText(text, { topic: 'lk.chat' });
}

async function start(): Promise<void> {
  document.title = `${config.title} · playground`;
  $('lesson-title').textContent = config.title;
  if (!(await aloneInBrowser())) {
    status('This lesson is open in another tab: use that one (one tab is the learner).', 'alert', true);
    document.body.classList.add('stopped');
    return;
  }
  whenTheKitStops(() => {
    status(
      'The lesson stopped (it was ended in the terminal). Run pnpm lesson … --web again to restart.',
      'alert',
      true,
    );
    document.body.classList.add('stopped');
    void room?.disconnect();
  });
  $('enable-audio').onclick = () => void room?.startAudio();
  $('say').onsubmit = (event) => {
    event.preventDefault();
    const input = $<HTMLInputElement>('say-text');
    void send(input.value);
    input.value = '';
  };
  for (const scene of config.scenes) {
    const button = document.createElement('button');
    button.textContent = scene.title;
    button.onclick = () => void join(scene);
    $('scenes').append(button);
  }
  $('scenes-row').hidden = config.scenes.length === 0;
  await join(config.scenes[0]);
}

void start();
