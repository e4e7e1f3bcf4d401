import type { Locale } from '@m4s/contracts';

/** Field messages of 内容管理 (docs/feed.md): the feed's posts and pushes; and of 咨询 (docs/chat.md). */
export const contentMessages: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    content_expiry_order: '下线时间须晚于发布时间',
    content_store_scope: '门店员工只能面向本门店发布',
    content_withdrawn: '该资讯已撤下，不能再修改',
    content_not_live: '只有已发布且未过期的资讯才能推送',
    content_pushed: '该资讯已推送过',
    cursor: '分页参数无效，请刷新后重试',
    chat_no_car: '请先在「我的车辆」绑定爱车，再开始咨询',
    chat_empty: '请输入内容或选择一张图片',
    chat_text_size: '消息太长了（最多 2000 字）',
    chat_assistant_text: '请用文字向智能助手提问',
    chat_handed_over: '这个问题已经转给顾问了',
  },
  en: {
    content_expiry_order: 'The end must come after the publishing time',
    content_store_scope: "A store's staff publish to their own store only",
    content_withdrawn: 'This post was withdrawn and can no longer be edited',
    content_not_live: 'Only a published post that has not expired can be pushed',
    content_pushed: 'This post was already pushed',
    cursor: 'Invalid page cursor; refresh and try again',
    chat_no_car: 'Add your car under My cars first, then start a conversation',
    chat_empty: 'Write a message or choose a photo',
    chat_text_size: 'The message is too long (2,000 characters at most)',
    chat_assistant_text: 'Ask the assistant in words',
    chat_handed_over: 'This question was already handed to an advisor',
  },
};
