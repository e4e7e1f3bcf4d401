import { useLayoutEffect, useState } from 'react';
import { Form } from 'antd';

/**
 * A modal's form and the error shown above it, both fresh each time the modal opens (or its subject
 * changes — pass it as `subject`), so a second opening never shows the last one's values or failure. Reset
 * before the modal is painted (a layout effect): what someone types at once is never wiped by a late reset
 * (a browser test that filled the form straight away sometimes saved it empty).
 */
export const useModalForm = <Values>(open: boolean, subject?: unknown) => {
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  useLayoutEffect(() => {
    if (!open) return;
    form.resetFields();
    setFormError(null);
  }, [open, subject, form]);
  return { form, formError, setFormError };
};
