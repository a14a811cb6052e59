import { useRef, useState, type ReactNode } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Drawer from '@mui/material/Drawer';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import LockResetIcon from '@mui/icons-material/LockReset';
import LogoutIcon from '@mui/icons-material/Logout';
import { ROLE_LABELS } from '../../../../shared/api/common';
import { ADMIN_MODULES, MODULES, type NavItem } from '../navigation';
import { NotificationsProvider } from '../../kit/notifications';
import { useSession } from '../../kit/session';
import { ChangePasswordDialog } from './ChangePasswordDialog';
import { ScrollRegion } from '../../kit/ScrollRegion';
import { deskPaths } from '../../kit/paths';
import { DeskBadge } from './DeskBadge';
import { LogoutEverywhereButton } from './LogoutEverywhereButton';
import { IdleLock } from '../IdleLock';
import { LiveUpdates } from '../LiveUpdates';

export const DRAWER_WIDTH = 264;

/** Skip link, app bar (banner), navigation drawer (nav) and the page (main). */
export function AppLayout() {
  const { user, mds, logout } = useSession();
  const mainRef = useRef<HTMLElement>(null);
  const location = useLocation();
  const [passwordOpen, setPasswordOpen] = useState(false);
  const allowed = (m: NavItem) => !m.roles || m.roles.includes(user.role);
  const moduleItems = MODULES.filter(allowed);
  const adminItems = ADMIN_MODULES.filter(allowed);

  return (
    <NotificationsProvider>
      <IdleLock />
      <LiveUpdates />
      <Box sx={{ display: 'flex', minHeight: '100vh' }}>
        <Box
          component="a"
          href="#contenu"
          onClick={(e: React.MouseEvent) => {
            // A real hash change would be read as a route by the hash router.
            e.preventDefault();
            mainRef.current?.focus();
          }}
          sx={{
            position: 'fixed',
            left: 8,
            top: -48,
            zIndex: (t) => t.zIndex.tooltip + 1,
            bgcolor: 'primary.main',
            color: 'primary.contrastText',
            px: 2,
            py: 1,
            borderRadius: 1,
            fontWeight: 700,
            '&:focus': { top: 8 },
          }}
        >
          Aller au contenu
        </Box>
        <AppBar
          position="fixed"
          color="inherit"
          elevation={0}
          component="header"
          sx={{ zIndex: (t) => t.zIndex.drawer + 1, borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}
        >
          <Toolbar sx={{ gap: 2 }}>
            <Typography component="p" sx={{ fontWeight: 800, fontSize: '1.15rem', color: 'primary.main', whiteSpace: 'nowrap' }}>
              Parcours RSA
            </Typography>
            {mds ? (
              <>
                <Divider orientation="vertical" flexItem />
                <Typography component="p" sx={{ fontWeight: 600 }} data-testid="mds-name">
                  {mds.name}
                </Typography>
              </>
            ) : null}
            <Box sx={{ flexGrow: 1 }} />
            <Box sx={{ textAlign: 'right', lineHeight: 1.2 }} aria-label="Utilisateur connecté" role="group">
              <Typography component="p" sx={{ fontWeight: 600 }}>
                {user.displayName}
              </Typography>
              <Typography component="p" variant="body2" color="text.secondary">
                {ROLE_LABELS[user.role]}
                {user.structure ? ` — ${user.structure}` : ''}
              </Typography>
            </Box>
            <Button startIcon={<LockResetIcon />} onClick={() => setPasswordOpen(true)}>
              Changer mon mot de passe
            </Button>
            <LogoutEverywhereButton />
            <Button startIcon={<LogoutIcon />} onClick={() => void logout()} variant="outlined">
              Se déconnecter
            </Button>
          </Toolbar>
        </AppBar>
        <Drawer
          variant="permanent"
          sx={{ width: DRAWER_WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box' } }}
        >
          <Toolbar />
          <ScrollRegion component="nav" aria-label="Navigation principale">
            <List>
              {moduleItems.map((item) => (
                <NavEntry key={item.path} item={item} badge={item.path === deskPaths.echeancier ? <DeskBadge /> : undefined} />
              ))}
            </List>
            {adminItems.length > 0 ? (
              <>
                {/* Outside the list: a <ul> may only contain <li> (axe "list"). */}
                <ListSubheader component="h2" id="nav-admin">
                  Administration
                </ListSubheader>
                <List aria-labelledby="nav-admin">
                  {adminItems.map((item) => (
                    <NavEntry key={item.path} item={item} />
                  ))}
                </List>
              </>
            ) : null}
          </ScrollRegion>
        </Drawer>
        <Box component="main" id="contenu" ref={mainRef} tabIndex={-1} sx={{ flexGrow: 1, minWidth: 0 }}>
          <Toolbar />
          {/* A new path mounts a new page: its heading takes the focus. */}
          <Box key={location.pathname}>
            <Outlet />
          </Box>
        </Box>
        <ChangePasswordDialog open={passwordOpen} onClose={() => setPasswordOpen(false)} />
      </Box>
    </NotificationsProvider>
  );
}

function NavEntry({ item, badge }: { item: NavItem; badge?: ReactNode }) {
  return (
    <ListItem disablePadding>
      {/* `end`: the home page ('/') is the current page only on '/', not under every path. */}
      <ListItemButton component={NavLink} to={item.path} end={item.path === deskPaths.home}>
        <ListItemIcon sx={{ color: 'primary.main' }}>{item.icon}</ListItemIcon>
        <ListItemText primary={item.label} secondary={item.comingSoon ? 'Bientôt disponible' : undefined} />
        {badge}
      </ListItemButton>
    </ListItem>
  );
}
