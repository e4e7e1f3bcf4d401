import { useState } from 'react';

type Editing<T> = { open: boolean; item: T | null };

/**
 * Which row a modal or drawer edits (null: a new one). Closing keeps the row, so the title does not
 * flicker to "new" while the panel animates away.
 */
export const useEditing = <T>() => {
  const [editing, setEditing] = useState<Editing<T>>({ open: false, item: null });
  return {
    ...editing,
    create: () => setEditing({ open: true, item: null }),
    edit: (item: T) => setEditing({ open: true, item }),
    close: () => setEditing((e) => ({ ...e, open: false })),
  };
};
