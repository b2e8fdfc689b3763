import { type ReactNode, useState } from 'react';
import { Dialog } from './Dialog';

/** A button that opens a dialog; `children` gets the function that closes it again. */
export function DialogButton(props: {
  label: ReactNode;
  title: string;
  testId: string;
  dialogTestId: string;
  className?: string;
  wide?: boolean;
  children: (close: () => void) => ReactNode;
}) {
  const { label, title, testId, dialogTestId, className = 'button secondary', wide, children } = props;
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <>
      <button type="button" className={className} onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </button>
      <Dialog open={open} onClose={close} title={title} testId={dialogTestId} wide={wide}>
        {children(close)}
      </Dialog>
    </>
  );
}
