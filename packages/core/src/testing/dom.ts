/** Whether `el` is on screen, as an IntersectionObserver made now sees it at the next rendering step. */
export const onScreen = (el: Element): Promise<boolean> =>
  new Promise<boolean>((resolve) => {
    const io = new IntersectionObserver((entries) => {
      io.disconnect();
      resolve(entries[0].isIntersecting);
    });
    io.observe(el);
  });
