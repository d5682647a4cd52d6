import { createRoot } from 'react-dom/client';
// antd's prebuilt stylesheet: with zeroRuntime (App.tsx) components skip generating styles at
// run time, which was most of the cost of rendering a big form.
import 'antd/dist/antd.css';
import { App } from './App';

createRoot(document.getElementById('root')!).render(<App />);
