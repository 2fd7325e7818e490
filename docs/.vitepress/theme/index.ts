// The default theme, with the components that show a lesson's hook timeline and its playground.
import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import LessonTimeline from './LessonTimeline.vue';
import PlaygroundShot from './PlaygroundShot.vue';
import './custom.css';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('LessonTimeline', LessonTimeline);
    app.component('PlaygroundShot', PlaygroundShot);
  },
} satisfies Theme;
