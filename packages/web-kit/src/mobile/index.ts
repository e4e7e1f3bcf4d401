// antd-mobile pieces shared by the owner and advisor apps. A subpath of its own, so the admin console
// (antd) never pulls antd-mobile in. The base stylesheet is imported separately: '@m4s/web-kit/mobile/base.css'.
export * from './adm-config.tsx';
export * from './empty-state.tsx';
export * from './field.tsx';
export * from './language-switch.tsx';
export * from './messages.ts';
export * from './page-states.tsx';
export * from './session-gate.tsx';
export * from './sign-in-layout.tsx';
export * from './sign-out-button.tsx';
