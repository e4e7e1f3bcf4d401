import { useEffect, useState } from 'react';
import { Form } from 'antd';

/**
 * A modal's form and the error shown above it, both fresh each time the modal opens (or its subject
 * changes — pass it as `subject`), so a second opening never shows the last one's values or failure.
 */
export const useModalForm = <Values>(open: boolean, subject?: unknown) => {
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setFormError(null);
  }, [open, subject, form]);
  return { form, formError, setFormError };
};
