// What a lesson imports from the kit.
export { defineScript, type LessonScript, type ModelRequest, type ScriptedReply } from './lesson/script.js';
export { lessonModels, typedChatAsSpeech } from './standin/models.js';
