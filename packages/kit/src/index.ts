// What a lesson imports from the kit.
export { defineScript, type LessonScript, type ModelRequest, type ScriptedReply } from './script.js';
export { lessonModels, typedChatAsSpeech } from './models.js';
