// The default theme, with the component that shows a lesson's hook timeline.
import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import LessonTimeline from './LessonTimeline.vue';
import './custom.css';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('LessonTimeline', LessonTimeline);
  },
} satisfies Theme;
