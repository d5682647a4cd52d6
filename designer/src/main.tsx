import { createRoot } from 'react-dom/client';
// antd's prebuilt stylesheets (its page reset, then the components): with zeroRuntime (App.tsx)
// components skip generating styles at run time, which was most of the cost of a big form.
import 'antd/dist/reset.css';
import 'antd/dist/antd.css';
import { App } from './App';
import { captureViewAs } from './lib/viewAs';

// A "view as" link (?viewAs=) is taken into this tab before the first call to the server.
captureViewAs();
createRoot(document.getElementById('root')!).render(<App />);
