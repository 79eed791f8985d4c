"""Progress bars for long calls (run, compare, sweep, sensitivity).

Contract: ``progress=True`` shows a tqdm text bar on stderr (Debian's
python3-tqdm; Jupyter shows it under the cell and redraws it in place) that
appears only once a call has taken half a second, so quick calls print nothing.
Not tqdm's widget bar: Debian 12's ipywidgets 6 and nbclient disagree on the
widget protocol, which breaks executing a notebook. ``False`` or ``None``
shows none; a callable is called as ``progress(done, total)``, once the engine
knows the total (never with a total of 0). The bar starts at the work already
done (a resumed sweep's earlier runs) and its rate and ETA count only this
call's work (tqdm's ``initial``). The engine reports from its own thread; the
bar is drawn from the calling thread, about ten times a second at most.
"""

from __future__ import annotations

from typing import Any, Callable


class _Bar:
    def __init__(self, desc: str, unit: str):
        self.desc, self.unit, self.bar = desc, unit, None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            try:
                from tqdm import tqdm
            except ImportError:  # no tqdm: no bar, never an error
                self.bar = False
                return
            self.bar = tqdm(total=total or None, initial=done, desc=self.desc, unit=self.unit,
                            delay=0.5, leave=False)
            return
        if self.bar is False:
            return
        if total and self.bar.total != total:
            self.bar.total = total
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None and self.bar is not False:
            self.bar.close()


class reporter:
    """Context manager giving the callback the engine calls; closes the bar at the end."""

    def __init__(self, progress: Any, desc: str, unit: str):
        if callable(progress):
            self.callback: Callable | None = progress
            self._bar = None
        elif progress:
            self._bar = _Bar(desc, unit)
            self.callback = self._bar
        else:
            self.callback = self._bar = None

    def __enter__(self) -> Callable | None:
        return self.callback

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.close()
